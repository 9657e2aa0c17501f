import Table from 'cli-table3';
import type { OutputStream } from '../cli-io';

/** A table with box lines and a coloured head on a terminal; plain aligned columns otherwise. */
export function renderTable(stream: OutputStream, head: string[], rows: (string | number)[][]): string {
  const tty = stream.isTTY === true;
  const table = new Table({
    head,
    style: { head: tty ? ['cyan'] : [], border: tty ? ['grey'] : [], compact: true },
    ...(tty ? {} : { chars: PLAIN }),
  });
  table.push(...rows.map((row) => row.map(String)));
  return `${table.toString()}\n`;
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
