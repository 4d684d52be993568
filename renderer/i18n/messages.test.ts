// Both languages hold the same keys with the same {{placeholders}}, and no text is empty.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it('zh-CN has exactly the keys of en', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('each text uses the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('no text is empty', () => {
    for (const [key, text] of [...english, ...chinese]) expect(text.trim(), key).not.toBe('');
  });
});
