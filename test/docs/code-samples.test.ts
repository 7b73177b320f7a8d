// The code samples: the TypeScript ones type-check against our client and generated types, the
// curl one is the reference page's example request, and the bundle carries exactly the files.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CODE_SAMPLES_DIR, SAMPLE_LANGUAGES, injectCodeSamples, loadCodeSamples } from '../../src/site/code-samples.js';
import { exampleRequest } from '../spec/reference-page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES_TSCONFIG = path.join(here, 'tsconfig.samples.json');
const bundled = JSON.parse(fs.readFileSync(path.resolve(here, '../../generated/openapi.json'), 'utf8'));
const operations = Object.values<any>(bundled.paths).flatMap((item) => Object.values<any>(item).filter((op) => op?.operationId));
/** openapi/code_samples/ as the pipeline reads it, read once for every test. */
const loaded = loadCodeSamples();

/** Diagnostics of the sample files, type-checked with tsconfig.samples.json (`postpress-api` -> src/client). */
function typeCheckSamples(extraFiles: Record<string, string> = {}): { files: string[]; messages: string[] } {
  const config = ts.readConfigFile(SAMPLES_TSCONFIG, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(SAMPLES_TSCONFIG));
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file in extraFiles || fileExists.call(host, file);
  host.readFile = (file) => extraFiles[file] ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    file in extraFiles ? ts.createSourceFile(file, extraFiles[file]!, language) : getSourceFile.call(host, file, language, ...rest);
  const files = [...parsed.fileNames, ...Object.keys(extraFiles)];
  const program = ts.createProgram({ rootNames: files, options: parsed.options, host });
  const sampleDir = path.resolve(CODE_SAMPLES_DIR);
  const messages = ts
    .getPreEmitDiagnostics(program)
    // Faults inside src/client belong to the client's own tests; here only the samples count.
    .filter((d) => !d.file || path.resolve(d.file.fileName).startsWith(sampleDir))
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(process.cwd(), d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
    });
  return { files, messages };
}

describe('TypeScript code samples', () => {
  it('type-check against the client and the generated types', () => {
    const { files, messages } = typeCheckSamples();
    expect(files.length).toBeGreaterThanOrEqual(operations.length);
    expect(messages).toEqual([]);
  });

  it('fail the type-check when a sample drifts from the spec', () => {
    const original = fs.readFileSync(path.join(CODE_SAMPLES_DIR, 'typescript/listSentInvitations.ts'), 'utf8');
    const wrongLimit = original.replace('limit: 100,', "limit: '100',");
    const unknownParam = original.replace('limit: 100,', 'limit: 100, page_size: 10,');
    expect(wrongLimit).not.toBe(original);
    const { messages } = typeCheckSamples({
      [path.join(CODE_SAMPLES_DIR, 'typescript/drifted-limit.ts')]: wrongLimit,
      [path.join(CODE_SAMPLES_DIR, 'typescript/drifted-param.ts')]: unknownParam,
    });
    expect(messages).toEqual([
      expect.stringMatching(/drifted-limit\.ts:10:\d+ .*not assignable to type 'number'/),
      expect.stringMatching(/drifted-param\.ts:10:\d+ .*page_size/s),
    ]);
  });

  it('use the published package name and the client factory', async () => {
    const { samples } = await loaded;
    for (const op of operations) {
      const source = samples.get(op.operationId)?.get('TypeScript')?.source ?? '';
      expect(source).toMatch(/import \{[^}]*createPostpressClient[^}]*\} from 'postpress-api';/);
      expect(source).toContain(`client.${op.operationId}(`);
    }
  });
});

describe('curl code samples', () => {
  it('is the reference page example request, verbatim', async () => {
    const { samples } = await loaded;
    expect(samples.get('listSentInvitations')?.get('curl')?.source.trim()).toBe(exampleRequest);
  });

  it('requests the spec server URL, path and parameter examples/defaults', () => {
    for (const op of operations) {
      const curl: string = op['x-codeSamples'].find((s: any) => s.lang === 'curl').source;
      const url = new URL(/--url '([^']+)'/.exec(curl)![1]!);
      const route = Object.entries<any>(bundled.paths).find(([, item]) => Object.values(item).includes(op))![0];
      expect(`${url.origin}${url.pathname}`).toBe(`${bundled.servers[0].url}${route}`);
      const params = op.parameters.map((p: any) => (p.$ref ? bundled.components.parameters[p.$ref.split('/').pop()] : p));
      for (const [name, value] of url.searchParams) {
        const param = params.find((p: any) => p.name === name && p.in === 'query');
        expect(param, `query parameter ${name}`).toBeDefined();
        expect(String(param.example ?? param.schema.default)).toBe(value);
      }
      for (const param of params.filter((p: any) => p.required && p.in === 'query')) expect(url.searchParams.has(param.name)).toBe(true);
      const scheme = bundled.components.securitySchemes.ApiKeyAuth;
      expect(curl).toContain(`--header '${scheme.name}: `);
    }
  });
});

describe('x-codeSamples in the bundle', () => {
  it('are the files, in curl then TypeScript order, for every operation', async () => {
    const { samples } = await loaded;
    for (const op of operations) {
      const files = samples.get(op.operationId)!;
      expect(op['x-codeSamples']).toEqual(SAMPLE_LANGUAGES.map((l) => ({ lang: l.lang, label: l.label, source: files.get(l.lang)!.source })));
    }
  });

  it('report a missing sample, an orphan sample, a stray file and samples written in the YAML', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-samples-'));
    try {
      await fsp.mkdir(path.join(dir, 'curl'));
      await fsp.mkdir(path.join(dir, 'typescript'));
      await fsp.writeFile(path.join(dir, 'curl/listSentInvitations.sh'), 'curl https://api.postpress.ai/api/v1/users/invite/sent\n');
      await fsp.writeFile(path.join(dir, 'typescript/deleteEverything.ts'), 'export {};\n');
      await fsp.writeFile(path.join(dir, 'typescript/notes.md'), '# notes\n');
      const source = structuredClone(bundled);
      for (const item of Object.values<any>(source.paths)) for (const op of Object.values<any>(item)) delete op['x-codeSamples'];
      const { problems } = await injectCodeSamples(source, dir);
      expect(problems.map((p) => p.rule).sort()).toEqual(['code-sample-missing', 'code-sample-orphan', 'code-sample-path']);
      expect(problems.find((p) => p.rule === 'code-sample-missing')!.message).toBe('GET /users/invite/sent: missing its TypeScript code sample');

      const withYamlSamples = await injectCodeSamples(bundled, dir);
      expect(withYamlSamples.problems.map((p) => p.rule)).toContain('code-sample-in-yaml');
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('leave a spec tree without a code_samples folder as it is', async () => {
    const { document, problems } = await injectCodeSamples(bundled, path.join(os.tmpdir(), 'no-such-code-samples-folder'));
    expect(problems).toEqual([]);
    expect(document).toEqual(bundled);
  });
});
