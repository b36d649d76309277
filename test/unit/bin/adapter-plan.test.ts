import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { planAdapters } from '../../../bin/adapter-plan.ts';

const KEY = 'a'.repeat(64);
const plan = (env: Record<string, string>, forceConsole = false) => planAdapters(loadConfig(env), { forceConsole });

describe('planAdapters', () => {
  it('runs only the console when no chat platform is configured, and says why', () => {
    const p = plan({});
    expect(p).toMatchObject({ slack: null, discord: null, console: true, problems: [] });
    expect(p.reasons).toContain('console: on (no chat platform is configured)');
  });

  it('picks Socket Mode when the app token is set, HTTP mode with a signing secret', () => {
    expect(plan({ SLACK_BOT_TOKEN: 'b', SLACK_APP_TOKEN: 'a', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ mode: 'socket' });
    const http = plan({ SLACK_BOT_TOKEN: 'b', SLACK_SIGNING_SECRET: 's' });
    expect(http.slack).toEqual({ mode: 'http' });
    expect(http.console).toBe(false);
  });

  it('reports half-configured platforms instead of guessing', () => {
    expect(plan({ SLACK_BOT_TOKEN: 'b' }).problems[0]).toMatch(/SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/);
    expect(plan({ DISCORD_TOKEN: 't' }).problems[0]).toMatch(/DISCORD_APPLICATION_ID/);
  });

  it('runs the Discord gateway and HTTP endpoint from their own variables', () => {
    expect(plan({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' }).discord).toEqual({ gateway: true, httpEndpoint: false });
    const both = plan({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_PUBLIC_KEY: KEY });
    expect(both.discord).toEqual({ gateway: true, httpEndpoint: true });
  });

  it('keeps DISCORD_TOKEN for posting with the gateway turned off', () => {
    const p = plan({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_PUBLIC_KEY: KEY, DISCORD_GATEWAY: 'off' });
    expect(p.discord).toEqual({ gateway: false, httpEndpoint: true });
    expect(p.reasons).toContain('discord: gateway off (DISCORD_GATEWAY=off); DISCORD_TOKEN posts alerts and digests');
    expect(plan({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_GATEWAY: 'off' }).discord).toEqual({ gateway: false, httpEndpoint: false });
  });

  it('adds the console next to chat platforms on request', () => {
    expect(plan({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' }, true).console).toBe(true);
  });
});
