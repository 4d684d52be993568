// CSV as RFC 4180 writes it (comma, CRLF, fields quoted when they hold a comma, quote, CR or LF),
// plus a reversible guard against spreadsheet formula injection: a field starting with = + - @ TAB
// CR or ' gets one leading ' (which a reader strips again), so the file stays lossless and every
// exported hash can still be recomputed from it.

const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;
const SPECIAL = /[",\r\n]/g;

export function encodeCsvField(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function decodeCsvField(field: string): string {
  return field.startsWith("'") ? field.slice(1) : field;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(encodeCsvField).join(',')}\r\n`;
}

/**
 * Splits CSV text fed in arbitrary pieces into records of raw (still guarded) fields. Throws on
 * malformed quoting, a bare CR, or a record longer than maxRecordChars (a file read from outside).
 */
export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private state: 'start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'after-cr' = 'start';
  private recordChars = 0;

  constructor(
    private readonly onRecord: (fields: string[]) => void,
    private readonly maxRecordChars = 65536,
  ) {}

  push(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.state === 'quoted') {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        this.take(text.slice(i, end));
        if (quote !== -1) this.state = 'quote-in-quoted';
        i = end + 1;
      } else if (this.state === 'unquoted' || this.state === 'start') {
        SPECIAL.lastIndex = i;
        const match = SPECIAL.exec(text);
        const end = match ? match.index : text.length;
        if (end > i) {
          this.take(text.slice(i, end));
          this.state = 'unquoted';
        }
        if (match) this.special(text.charAt(end));
        i = end + 1;
      } else {
        this.special(text.charAt(i));
        i += 1;
      }
    }
  }

  /** Flushes a last record without its line break; throws inside an open quote. */
  end(): void {
    if (this.state === 'quoted') throw new Error('CSV ends inside a quoted field');
    if (this.state === 'after-cr') throw new Error('CSV has a CR without LF');
    if (this.state !== 'start' || this.fields.length > 0) this.finishRecord();
  }

  private take(chunk: string): void {
    this.recordChars += chunk.length;
    if (this.recordChars > this.maxRecordChars) throw new Error('CSV record too long');
    this.field += chunk;
  }

  /** One of , " CR LF outside a quoted run (or the character after a quote inside one). */
  private special(char: string): void {
    if (this.state === 'after-cr') {
      if (char !== '\n') throw new Error('CSV has a CR without LF');
      this.finishRecord();
      return;
    }
    if (this.state === 'quote-in-quoted' && char === '"') {
      this.take('"');
      this.state = 'quoted';
      return;
    }
    if (char === '"') {
      if (this.state !== 'start') throw new Error('CSV has a quote inside an unquoted field');
      this.state = 'quoted';
    } else if (char === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = 'start';
    } else if (char === '\r') {
      this.state = 'after-cr';
    } else if (char === '\n') {
      this.finishRecord();
    } else {
      throw new Error('CSV has text after a closing quote');
    }
  }

  private finishRecord(): void {
    this.fields.push(this.field);
    const record = this.fields;
    this.fields = [];
    this.field = '';
    this.state = 'start';
    this.recordChars = 0;
    this.onRecord(record);
  }
}
