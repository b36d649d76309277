import { adapterContract } from './adapter-contract.ts';
import { cliDriver } from './cli-driver.ts';

adapterContract('cli', cliDriver);
