// Reads the fields of a decoded TTLV structure from a response, checking tag, type and count at
// the edge: a missing, repeated or mistyped field is a KmipMalformedResponseError that names its
// path (e.g. ResponseMessage/BatchItem[2]/ResponsePayload/UniqueIdentifier), never its value.
import { KmipMalformedResponseError } from '../kmip-errors';
import { describeTag, Tag, type TagName } from '../ttlv/tags';
import type { ItemOfType, ItemTypeName, TtlvItem, TtlvStructure } from '../ttlv/ttlv-item';

type ValueOf<T extends ItemTypeName> = ItemOfType<T>['value'];

export class StructureReader {
  private constructor(
    readonly item: TtlvStructure,
    readonly path: string,
  ) {}

  /** `item` must be a Structure with tag `name`; `index` numbers one of several in the path. */
  static of(item: TtlvItem, name: TagName, parentPath = '', index?: number): StructureReader {
    const path = `${parentPath === '' ? '' : `${parentPath}/`}${name}${index === undefined ? '' : `[${index}]`}`;
    if (item.tag !== Tag[name]) {
      throw malformed(`${path}: expected ${describeTag(Tag[name])}, got ${describeTag(item.tag)}`);
    }
    if (item.type !== 'Structure') throw malformed(`${path}: expected a Structure, got ${item.type}`);
    return new StructureReader(item, path);
  }

  /** The one field `name` of type `type`. */
  one<T extends ItemTypeName>(name: TagName, type: T): ValueOf<T> {
    const value = this.optional(name, type);
    if (value === undefined) throw this.#error(`missing ${name}`);
    return value;
  }

  /** The field `name` of type `type`, or undefined when absent; more than one is an error. */
  optional<T extends ItemTypeName>(name: TagName, type: T): ValueOf<T> | undefined {
    const values = this.all(name, type);
    if (values.length > 1) throw this.#error(`${name} appears ${values.length} times`);
    return values[0];
  }

  /** Every field `name`, each of type `type`. */
  all<T extends ItemTypeName>(name: TagName, type: T): ValueOf<T>[] {
    const out: ValueOf<T>[] = [];
    for (const child of this.#children(name)) {
      if (child.type !== type) throw this.#error(`${name} is a ${child.type}, expected ${type}`);
      out.push((child as ItemOfType<T>).value as ValueOf<T>);
    }
    return out;
  }

  structure(name: TagName): StructureReader {
    const found = this.optionalStructure(name);
    if (found === undefined) throw this.#error(`missing ${name}`);
    return found;
  }

  optionalStructure(name: TagName): StructureReader | undefined {
    const found = this.structures(name);
    if (found.length > 1) throw this.#error(`${name} appears ${found.length} times`);
    return found[0];
  }

  structures(name: TagName): StructureReader[] {
    const children = this.#children(name);
    return children.map((child, i) =>
      StructureReader.of(child, name, this.path, children.length > 1 ? i : undefined),
    );
  }

  /** The error for a field of this structure, e.g. a value out of range. */
  invalid(field: TagName, problem: string): KmipMalformedResponseError {
    return this.#error(`${field} ${problem}`);
  }

  #children(name: TagName): TtlvItem[] {
    const tag = Tag[name];
    return this.item.value.filter((child) => child.tag === tag);
  }

  #error(problem: string): KmipMalformedResponseError {
    return malformed(`${this.path}: ${problem}`);
  }
}

/** A success's Response Payload, which the operation requires. */
export function requirePayload(payload: StructureReader | undefined, operation: string): StructureReader {
  if (payload === undefined) throw malformed(`the ${operation} response has no ResponsePayload`);
  return payload;
}

function malformed(problem: string): KmipMalformedResponseError {
  return new KmipMalformedResponseError(`malformed KMIP response: ${problem}`);
}
