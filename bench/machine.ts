import os from 'node:os';

export interface MachineInfo {
  date: string;
  arch: string;
  platform: string;
  cpuModel: string;
  cores: number;
  ramGiB: number;
  /** 1-minute load average when the run started: above the core count, figures are inflated by contention. */
  loadAverage1m: number;
  node: string;
}

/** What the figures were measured on, so a README can quote them honestly. */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    date: now.toISOString(),
    arch: os.arch(),
    platform: `${os.platform()} ${os.release()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverage1m: Number((os.loadavg()[0] ?? 0).toFixed(2)),
    node: process.version,
  };
}
