import Table from 'cli-table3';
import type { OutputStream } from '../cli-io';

/** A table with box lines and a coloured head on a terminal; plain aligned columns otherwise. */
export function renderTable(stream: OutputStream, head: string[], rows: (string | number)[][]): string {
  const tty = stream.isTTY === true;
  const table = new Table({
    head,
    style: tty
      ? { head: ['cyan'], border: ['grey'], compact: true }
      : { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
    ...(tty ? {} : { chars: PLAIN }),
  });
  table.push(...rows.map((row) => row.map(String)));
  const text = table.toString();
  return `${tty ? text : text.replace(/ +$/gm, '')}\n`;
}

const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};
