// SimulationSource: OS CSPRNG bytes, always marked simulated.
import { describe, expect, it } from 'vitest';
import { SimulationSource } from './simulation-source';

describe('SimulationSource', () => {
  it('is marked simulated everywhere it reports', async () => {
    const source = new SimulationSource();
    expect(source.simulated).toBe(true);
    await source.open();
    expect(source.status()).toMatchObject({ kind: 'simulation', simulated: true, state: 'ready' });
    expect(source.status().name).toMatch(/SIMULATION.*not quantum/);
  });

  it('reads exactly n bytes when open, and refuses when closed', async () => {
    const source = new SimulationSource();
    await expect(source.read(8)).rejects.toThrow(/closed/);
    await source.open();
    const bytes = await source.read(4096);
    expect(bytes).toHaveLength(4096);
    expect(new Set(bytes).size).toBeGreaterThan(200);
    expect(source.status().bytesRead).toBe(4096);
    await expect(source.read(0)).rejects.toThrow(RangeError);
    await source.close();
    await expect(source.read(8)).rejects.toThrow(/closed/);
  });
});
