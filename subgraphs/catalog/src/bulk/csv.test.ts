import { CsvSyntaxError, parseCsv, toCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted cells with commas, escaped quotes and line breaks, and tells each record’s first line', () => {
    const text = '\uFEFFHandle,Body (HTML)\r\nmug,"A ""big"" mug, white"\r\nshirt,"line one\nline two"\nhat,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['Handle', 'Body (HTML)'] },
      { line: 2, cells: ['mug', 'A "big" mug, white'] },
      { line: 3, cells: ['shirt', 'line one\nline two'] },
      { line: 5, cells: ['hat', ''] },
    ]);
  });

  it('skips blank lines but counts them, and reads a last record without a line break', () => {
    expect(parseCsv('a,b\n\n\nc,d')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 4, cells: ['c', 'd'] },
    ]);
  });

  it('refuses a quote left open, naming the line it opened on', () => {
    const caught = (() => {
      try {
        parseCsv('a,b\nc,"never closed\nmore');
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).line).toBe(2);
  });

  it('writes what it reads back', () => {
    const rows = [
      ['Handle', 'Title'],
      ['mug', 'Mug, "big"\nwhite'],
      ['hat', ' padded'],
    ];
    expect(parseCsv(toCsv(rows)).map((record) => record.cells)).toEqual(rows);
  });
});
