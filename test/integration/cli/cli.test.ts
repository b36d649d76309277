import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectTestRedis, deleteKeysWithPrefix } from '../../helpers/redis.ts';
import { Cite, readBibtexEntries } from '../../../src/citations/engine.ts';
import type { SearchResultJson as SearchResult } from '../../../src/cli/json.ts';
import { ELSEWHERE, ROOT, SEEDS_DIR, runCli, startCli } from './run-cli.ts';

const SEARCH_RESULT_KEYS = ['arxivId', 'authors', 'doi', 'id', 'score', 'tags', 'title', 'url', 'year'];

function expectSearchResult(value: unknown): asserts value is SearchResult {
  const r = value as SearchResult;
  expect(Object.keys(r).sort()).toEqual(SEARCH_RESULT_KEYS);
  expect(typeof r.id).toBe('string');
  expect(r.arxivId === null || /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/.test(r.arxivId)).toBe(true);
  expect(r.doi === null || typeof r.doi === 'string').toBe(true);
  expect(r.title.length).toBeGreaterThan(0);
  expect(Array.isArray(r.authors) && r.authors.every((a) => typeof a === 'string')).toBe(true);
  expect(r.year === null || Number.isInteger(r.year)).toBe(true);
  expect(r.url === null || /^https?:\/\//.test(r.url)).toBe(true);
  expect(Array.isArray(r.tags)).toBe(true);
  expect(typeof r.score).toBe('number');
}

/** A failure is exactly one line on stderr, nothing on stdout, exit code 1. */
function expectOneLineFailure(run: { code: number | null; stdout: string; stderr: string }, mentions: RegExp) {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^paperclub: [^\n]+\n$/);
  expect(run.stderr).toMatch(mentions);
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('paperclub CLI', { timeout: 60_000 }, () => {
  it('prints the command table for --help and for no arguments, and the version', async () => {
    const [help, bare, word, version] = await Promise.all([runCli(['--help']), runCli([]), runCli(['help']), runCli(['--version'])]);
    for (const run of [help, bare, word]) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const name of ['search', 'show', 'cite', 'export', 'import', 'enrich', 'topics', 'club', 'digest', 'poll', 'resume', 'status']) {
        expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
      }
    }
    expect(bare.stdout).toBe(help.stdout);
    expect(word.stdout).toBe(help.stdout);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatchObject({ code: 0, stdout: `paperclub ${pkg.version}\n`, stderr: '' });
  });

  it('prints one command\'s help for `help <command>` and `<command> --help`', async () => {
    const [word, flag, group] = await Promise.all([runCli(['help', 'cite']), runCli(['cite', '--help']), runCli(['help', 'topics'])]);
    expect(word).toMatchObject({ code: 0, stderr: '' });
    expect(flag.stdout).toBe(word.stdout);
    expect(word.stdout).toContain('Usage: paperclub cite <paper> [bibtex|biblatex|ris|csl-json|apa|vancouver|harvard]');
    expect(word.stdout).toContain('paperclub cite lora apa');
    expect(word.stdout).toMatch(/--format <format>\s+Citation format/);
    for (const sub of ['list', 'add', 'remove']) expect(group.stdout).toContain(`Usage: paperclub topics ${sub}`);
    expect(group.stdout).toContain('paperclub topics add "mixture of experts" --channel slack:T0123/C0456 --as-admin');
    expectOneLineFailure(await runCli(['help', 'frobnicate']), /There is no `frobnicate` command/);
  });

  it('resume is in the command table and runs: a channel that was not stopped has nothing to resume', async () => {
    const prefix = `test:cli-resume:${process.pid}:${Date.now()}`;
    try {
      const run = await runCli(['resume', '--channel', 'slack:T0123/C0456'], { env: { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('Deliveries to slack:T0123/C0456 are not stopped and nothing is held back; nothing to resume.\n');
    } finally {
      const redis = await connectTestRedis();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });

  it('search --json prints an array of results in the stable shape, best first', async () => {
    const run = await runCli(['search', 'chain of thought prompting', '--limit', '3', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as unknown[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    results.forEach(expectSearchResult);
    const best = results[0] as SearchResult;
    expect(best.arxivId).toBe('2201.11903');
    expect(best.doi).toBe('10.48550/arXiv.2201.11903');
    expect(best.url).toBe('https://arxiv.org/abs/2201.11903');
    expect(best.authors[0]).toBe('Jason Wei');
  });

  it('search without --json prints the chat answer as text, buttons as the shell commands that press them', async () => {
    const run = await runCli(['search', 'chinchilla', '--limit', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^== Search: chinchilla ==$/m);
    expect(run.stdout).toMatch(/^» Training Compute-Optimal Large Language Models$/m);
    expect(run.stdout).toContain('arXiv:2203.15556');
    expect(run.stdout).toMatch(/^ {2}> Show Chinchilla: paperclub show 2203\.15556$/m);
    const more = await runCli(['search', 'lora', '--limit', '2']);
    expect(more.stdout).toMatch(/^ {2}> More results: paperclub search lora --page 2 --limit 2$/m);
    // Without --channel, a button that would post into a channel is left out.
    expect(more.stdout).not.toContain('Share in channel');
  });

  it('search "" asks for words instead of answering that nothing matches', async () => {
    expectOneLineFailure(await runCli(['search', '']), /`search` needs a query/);
  });

  it('search - answers one JSON array per stdin line, in order, blank lines with []', async () => {
    const run = await runCli(['search', '-', '--json', '--limit', '2'], { stdin: 'chinchila\n\narXiv:2201.11903v2\nlora\n' });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const answers = lines.map((line) => JSON.parse(line) as SearchResult[]);
    answers.flat().forEach(expectSearchResult);
    expect(answers[0]![0]!.arxivId).toBe('2203.15556');
    expect(answers[1]).toEqual([]);
    expect(answers[2]![0]!.arxivId).toBe('2201.11903');
    expect(answers[3]![0]!.arxivId).toBe('2106.09685');
  });

  it('search - answers each line as it arrives, before stdin closes', async () => {
    const child = startCli(['search', '-', '--limit', '1']);
    child.stdout.setEncoding('utf8');
    const received: string[] = [];
    let buffer = '';
    const nextLine = () =>
      new Promise<string>((resolve, reject) => {
        const take = () => {
          const newline = buffer.indexOf('\n');
          if (newline === -1) return false;
          resolve(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          return true;
        };
        if (take()) return;
        const onData = (chunk: string) => {
          buffer += chunk;
          if (take()) child.stdout.off('data', onData);
        };
        child.stdout.on('data', onData);
        child.once('close', () => reject(new Error('CLI exited before answering')));
      });
    child.stdin.write('chinchilla\n');
    received.push(await nextLine());
    child.stdin.write('chain of thought\n');
    received.push(await nextLine());
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(received.map((line) => (JSON.parse(line) as SearchResult[])[0]!.arxivId)).toEqual(['2203.15556', '2201.11903']);
  });

  it('show --json prints the full entry with sources', async () => {
    const run = await runCli(['show', 'https://arxiv.org/pdf/2201.11903v6', '--json']);
    expect(run.code).toBe(0);
    const entry = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(entry).toMatchObject({ id: '2201.11903', arxivId: '2201.11903', url: 'https://arxiv.org/abs/2201.11903' });
    for (const key of ['aka', 'summary', 'tags', 'authors', 'links', 'categories']) expect(Array.isArray(entry[key]), key).toBe(true);
    expect(entry).toHaveProperty('takeaway');
    const sources = entry.sources as Array<{ file: string; line: number; list: string }>;
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(Object.keys(source).sort()).toEqual(['file', 'line', 'list']);
    expect(sources).toContainEqual(expect.objectContaining({ file: '001_82245a8613bc4d3f.txt', list: 'References' }));
    expect(entry).toMatchObject({ abstract: expect.stringMatching(/^We explore how generating a chain of thought/), primaryCategory: 'cs.CL', authorsTruncated: false });
    expect(entry.provenance).toMatchObject({ source: 'compiled-references', confidence: 'high' });

    const text = await runCli(['show', 'chain of thought prompting']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('» Chain-of-Thought Prompting Elicits Reasoning in Large Language Models');
  });

  it('cite prints BibTeX by default that citation-js reads back with the arXiv fields', async () => {
    const run = await runCli(['cite', '2201.11903']);
    expect(run.code).toBe(0);
    const [fields] = readBibtexEntries(run.stdout).map((e) => e.properties);
    expect(fields).toMatchObject({ eprint: '2201.11903', archiveprefix: 'arXiv', doi: '10.48550/arXiv.2201.11903' });
    const [item] = new Cite(run.stdout).data;
    expect(item!.title).toBe('Chain-of-Thought Prompting Elicits Reasoning in Large Language Models');
  });

  it('cite honours --format, in any case', async () => {
    const [apa, csl, ris] = await Promise.all([
      runCli(['cite', 'chinchilla', '--format', 'APA']),
      runCli(['cite', '2203.15556', '--format', 'csl-json']),
      runCli(['cite', '2203.15556', '--format', 'ris']),
    ]);
    expect(apa.code).toBe(0);
    expect(apa.stdout).toContain('https://doi.org/10.48550/arXiv.2203.15556');
    const items = JSON.parse(csl.stdout) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'article', DOI: '10.48550/arXiv.2203.15556', publisher: 'arXiv' });
    expect(ris.stdout).toMatch(/^TY {2}- /);
    expect(new Cite(ris.stdout).data[0]!.DOI).toBe('10.48550/arXiv.2203.15556');
  });

  it('export --format json is every entry in the documented shape', async () => {
    const run = await runCli(['export', '--format', 'json']);
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThan(50);
    for (const entry of entries) {
      for (const key of ['id', 'arxivId', 'doi', 'title', 'authors', 'year', 'url', 'tags', 'aka', 'summary', 'takeaway', 'sources', 'abstract', 'categories', 'primaryCategory', 'authorsTruncated', 'provenance']) {
        expect(entry, `${String(entry.id)} lacks ${key}`).toHaveProperty(key);
      }
      expect((entry.authors as unknown[]).every((a) => typeof a === 'string')).toBe(true);
      expect(['arxiv-api', 'compiled-references', 'reading-list']).toContain((entry.provenance as { source: string }).source);
    }
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('export --format csl-json and bibtex hold the same entries and parse', async () => {
    const [json, csl, bib] = await Promise.all([
      runCli(['export']),
      runCli(['export', '--format', 'csl-json']),
      runCli(['export', '--format', 'bibtex']),
    ]);
    const entries = JSON.parse(json.stdout) as Array<{ title: string; arxivId: string | null }>;
    const items = JSON.parse(csl.stdout) as Array<{ title: string }>;
    expect(items.map((i) => i.title)).toEqual(entries.map((e) => e.title.replace(/\s+/g, ' ').trim()));
    const parsed = new Cite(bib.stdout).data;
    expect(parsed).toHaveLength(entries.length);
    const keys = parsed.map((item) => item['citation-key']);
    expect(new Set(keys).size).toBe(keys.length);
    const eprints = readBibtexEntries(bib.stdout).map((e) => e.properties.eprint ?? null);
    expect(eprints).toEqual(entries.map((e) => e.arxivId));
  });

  it('import --report prints the import report; import alone a summary', async () => {
    const [report, summary] = await Promise.all([runCli(['import', '--report']), runCli(['import'])]);
    expect(report.code).toBe(0);
    for (const file of ['000_00da46f7ab19bbaf.txt', '004_c9da5a9524245a2d.txt']) expect(report.stdout).toContain(file);
    expect(summary.stdout).toMatch(/^Imported \d+ entries from 5 of 5 files/);
  });

  it('works through npm run cli from the project directory', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('npm', ['run', '--silent', 'cli', '--', 'search', 'lora', '--json', '--limit', '1'], {
      cwd: ROOT,
      env: { ...process.env, PAPERCLUB_SEEDS_DIR: SEEDS_DIR },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as SearchResult[])[0]!.arxivId).toBe('2106.09685');
  });

  describe('errors: one line on stderr, exit code 1', () => {
    it('an id that names no paper', async () => {
      expectOneLineFailure(await runCli(['show', '2401.99999']), /No paper in the library matches "2401\.99999"/);
      expectOneLineFailure(await runCli(['cite', 'arXiv:2401.99999']), /No paper/);
    });

    it('a format name it does not know, given by name or trailing the query (one alias table with chat)', async () => {
      expectOneLineFailure(await runCli(['cite', '2201.11903', '--format', 'mla']), /"mla" is not a format; choose one of: bibtex, biblatex, ris, csl-json, apa, vancouver, harvard/);
      expectOneLineFailure(await runCli(['cite', 'dpo', 'mla']), /"mla" is not a format/);
      expectOneLineFailure(await runCli(['export', '--format', 'xml']), /"xml" is not a format; choose one of: json, bibtex,/);
      // `bib` is an alias: the DPO paper in BibTeX (chat used to search for "dpo bib" and cite Trust Region DPO).
      const bib = await runCli(['cite', 'dpo', 'bib']);
      expect(bib.code).toBe(0);
      expect(bib.stdout).toMatch(/eprint = \{2305\.18290\}/);
    });

    it('an option without its value says so (it used to say "option -f, takes no value")', async () => {
      expectOneLineFailure(await runCli(['cite', 'lora', '--format']), /`--format` needs a value: one of bibtex, biblatex/);
      expectOneLineFailure(await runCli(['cite', 'lora', '--format', '--json']), /`--format` needs a value/);
      expectOneLineFailure(await runCli(['search', 'lora', '--json=yes']), /`--json` is a switch: give it alone/);
    });

    it('an unknown command or flag, a bad --limit', async () => {
      const [command, flag, limit, missing] = await Promise.all([
        runCli(['serach', 'lora']),
        runCli(['search', 'lora', '--jsn']),
        runCli(['search', 'lora', '--limit', 'ten']),
        runCli(['search']),
      ]);
      expectOneLineFailure(command, /There is no `serach` command\. Did you mean `search`\?/);
      expectOneLineFailure(flag, /`search` has no option `--jsn`; its options are --query, --page, --limit/);
      expectOneLineFailure(limit, /`limit` must be a whole number, not "ten"/);
      expectOneLineFailure(missing, /`search` needs a query/);
    });

    it('a seeds directory that cannot be read', async () => {
      const run = await runCli(['search', 'lora'], { env: { PAPERCLUB_SEEDS_DIR: `${ELSEWHERE}/no-such-dir` } });
      expectOneLineFailure(run, /no-such-dir/);
    });

    it('invalid configuration', async () => {
      expectOneLineFailure(await runCli(['search', 'lora'], { env: { LOG_LEVEL: 'loud' } }), /LOG_LEVEL/);
    });
  });
});
