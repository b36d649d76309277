/** Reads .env (when present; real environment variables win) and validates the configuration once. */
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from '../src/config.ts';

export function configFromEnvironment(dotenvPath = '.env'): Config {
  if (existsSync(dotenvPath)) loadDotenv({ path: dotenvPath, quiet: true });
  return loadConfig(process.env);
}
