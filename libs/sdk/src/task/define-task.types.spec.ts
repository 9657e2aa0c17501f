import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Type-level tests: compiles define-task.type-test.ts with the real
 * TypeScript compiler. Every `@ts-expect-error` there must be an error
 * (else TS2578 "unused directive"), and nothing else may be.
 */
describe('defineTask types', () => {
  it('infers handler types from the schemas and rejects misuse at compile time', () => {
    const sdkRoot = path.resolve(__dirname, '..', '..');
    const ts = createRequire(__filename)('typescript') as typeof import('typescript');
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(sdkRoot, 'tsconfig.json'),
      {
        noEmit: true,
        composite: false,
        declaration: false,
        declarationMap: false,
        incremental: false,
        rootDir: sdkRoot,
      },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error('cannot read libs/sdk/tsconfig.json');
    const file = path.join(__dirname, 'define-task.type-test.ts');
    const program = ts.createProgram([file], parsed.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where =
        d.file && d.start !== undefined
          ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
          : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
