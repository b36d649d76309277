import { adapterContract } from './adapter-contract.ts';
import { consoleDriver } from './console-driver.ts';

adapterContract('console', consoleDriver);
