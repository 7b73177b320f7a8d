// The contract kit's start-up in this process, as a library user meets it: from `runContract({ spec })`
// until the kit sends its first request (spec read and bundled, modelled, the first operation
// planned). The fetch given to the kit notes the time and refuses, so the run ends right there.
// The heap is collected before each measure, as a fresh process would start: the garbage of the
// previous round is not this round's cost.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runContract, TargetUnreachableError } from '../src/contract/index.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export async function kitToFirstRequest(file: string): Promise<number> {
  let firstRequest = 0;
  const refuse = async (): Promise<Response> => {
    firstRequest ||= performance.now();
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  };
  collectGarbage();
  const started = performance.now();
  try {
    await runContract({ spec: file, baseUrl: 'http://127.0.0.1:9/', apiKey: 'bench', fetch: refuse, rate: 0 });
  } catch (error) {
    if (!(error instanceof TargetUnreachableError)) throw error;
  }
  if (firstRequest === 0) throw new Error(`the kit sent no request for ${file}`);
  return firstRequest - started;
}
