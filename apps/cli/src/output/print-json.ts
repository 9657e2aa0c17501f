import { line, type OutputStream } from '../cli-io';

/** `--json`: one JSON document, indented on a terminal, one line otherwise (for jq and line tools). */
export function printJson(stream: OutputStream, value: unknown): void {
  line(stream, stream.isTTY ? JSON.stringify(value, null, 2) : JSON.stringify(value));
}
