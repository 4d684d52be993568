// CSV writing and reading: RFC 4180 quoting, the reversible formula guard, and records split
// across arbitrary chunk boundaries.
import { describe, expect, it } from 'vitest';
import { csvRecord, CsvReader, decodeCsvField, encodeCsvField } from './csv';

function readAll(text: string, chunk: number): string[][] {
  const records: string[][] = [];
  const reader = new CsvReader((fields) => records.push(fields));
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  reader.end();
  return records;
}

describe('CSV', () => {
  const values = [
    'plain',
    'a,b',
    'say "hi"',
    'two\r\nlines',
    '',
    '=SUM(A1)',
    '+1',
    '-2',
    '@x',
    "'quoted",
    '中文',
  ];

  it('quotes only where needed and guards formula starts reversibly', () => {
    expect(encodeCsvField('plain')).toBe('plain');
    expect(encodeCsvField('a,b')).toBe('"a,b"');
    expect(encodeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(encodeCsvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(encodeCsvField("'x")).toBe("''x");
    for (const value of values) {
      const [record] = readAll(csvRecord([value]), 1000);
      expect(decodeCsvField(record?.[0] ?? '')).toBe(value);
    }
  });

  it('reads records back whatever the chunk size', () => {
    const text = csvRecord(values) + csvRecord(['1', '2']);
    for (const chunk of [1, 2, 3, 7, 1000]) {
      const records = readAll(text, chunk).map((r) => r.map(decodeCsvField));
      expect(records).toEqual([values, ['1', '2']]);
    }
  });

  it('refuses malformed input', () => {
    expect(() => readAll('"open\r\n', 10)).toThrow(/inside a quoted field/);
    expect(() => readAll('a"b\r\n', 10)).toThrow(/quote inside/);
    expect(() => readAll('"a"b\r\n', 10)).toThrow(/after a closing quote/);
    expect(() => readAll('a\rb\r\n', 10)).toThrow(/CR without LF/);
    const reader = new CsvReader(() => {}, 10);
    expect(() => reader.push('x'.repeat(11))).toThrow(/too long/);
  });
});
