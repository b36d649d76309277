/** Checks a Discord message payload against every documented limit (PLATFORM-FACTS §3). */
import { expect } from 'vitest';

interface Embed {
  title?: string;
  description?: string;
  url?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

interface Payload {
  content?: string;
  embeds?: Embed[];
  components?: Array<{ type: number; components: Array<{ type: number; label?: string; custom_id?: string }> }>;
  allowed_mentions?: unknown;
}

export function assertWithinLimits(data: unknown): void {
  const p = data as Payload;
  expect(p.allowed_mentions).toEqual({ parse: [] });
  if (p.content !== undefined) expect(p.content.length).toBeLessThanOrEqual(2000);
  const embeds = p.embeds ?? [];
  expect(p.content !== undefined && p.content.length > 0 || embeds.length > 0).toBe(true);
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(256);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    total += (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  const rows = p.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.type).toBe(1);
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components) {
      expect(button.label!.length).toBeGreaterThan(0);
      expect(button.label!.length).toBeLessThanOrEqual(80);
      expect(button.custom_id!.length).toBeGreaterThan(0);
      expect(button.custom_id!.length).toBeLessThanOrEqual(100);
      expect(ids.has(button.custom_id!)).toBe(false);
      ids.add(button.custom_id!);
    }
  }
}

/** Every string a user could see in a payload, joined (content, embed texts, labels). */
export function allText(data: unknown): string {
  const out: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key !== 'custom_id' && key !== 'url') out.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(data);
  return out.join('\n');
}
