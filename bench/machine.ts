/**
 * The machine the figures come from. Load average is recorded before and after the
 * run because on a shared machine it is the first thing that explains a bad figure.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  loadBefore: number[];
  loadAfter: number[];
}

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty}, Linux ${os.release()}`;
  } catch {
    // Not every system has /etc/os-release.
  }
  return `${os.type()} ${os.release()}`;
}

/** /proc/cpuinfo names the model more fully than os.cpus() on some virtual machines. */
function cpuModel(): string {
  const fromNode = os.cpus()[0]?.model.trim() ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const family = /^cpu family\s*:\s*(\d+)/m.exec(info)?.[1];
    const model = /^model\s*:\s*(\d+)/m.exec(info)?.[1];
    const mhz = /^cpu MHz\s*:\s*([\d.]+)/m.exec(info)?.[1];
    const extra = [family && `family ${family}`, model && `model ${model}`,
      mhz && `${Math.round(Number(mhz))} MHz`].filter(Boolean).join(', ');
    return extra ? `${fromNode} (${extra})` : fromNode;
  } catch {
    return fromNode;
  }
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: osName(),
    loadBefore: os.loadavg(),
    loadAfter: [],
  };
}

export function finishMachine(machine: Machine): Machine {
  return { ...machine, loadAfter: os.loadavg() };
}
