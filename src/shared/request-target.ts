// The path of an HTTP request target, without URL parsing that can throw: `new URL('//', base)`
// throws, and one such request must not bring a server down.
export function requestPathname(target: string | undefined): string {
  const raw = target ?? '/';
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  return path.startsWith('/') ? path : `/${path}`;
}

/** A URL for the request target that never throws (a target such as `//` is taken as a path). */
export function requestUrl(target: string | undefined, host = 'localhost'): URL {
  const raw = target ?? '/';
  try {
    return new URL(raw, `http://${host}`);
  } catch {
    try {
      return new URL(`http://localhost${raw.startsWith('/') ? raw : `/${raw}`}`);
    } catch {
      return new URL('http://localhost/');
    }
  }
}
