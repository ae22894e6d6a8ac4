import { describe, expect, it, vi } from 'vitest';

// Counts the alarm reads: the dlq and alarm families are both built on one read per envelope.
vi.mock('../../src/families/alarm/normalise.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/families/alarm/normalise.js')>();
  return { ...original, readAlarm: vi.fn(original.readAlarm) };
});

const { readAlarm } = await import('../../src/families/alarm/normalise.js');
const { alarmFamily } = await import('../../src/families/alarm/index.js');
const { dlqFamily } = await import('../../src/families/dlq/index.js');
const { readContext } = await import('../../src/families/family.js');
const { processInput } = await import('../../src/pipeline.js');
const { context, envelopeOf, fixture } = await import('./alarm/load.js');

describe('the family contract', () => {
  it('reads an ordinary alarm once, though the dlq family asks before the alarm family claims it', () => {
    vi.mocked(readAlarm).mockClear();
    const [outcome] = processInput(fixture('dlq/non-dlq-sqs.json'), context);
    expect(outcome?.alert?.family).toBe('alarm');
    expect(readAlarm).toHaveBeenCalledTimes(1);
  });

  it('reads a DLQ depth alarm once and lets the dlq family claim it', () => {
    vi.mocked(readAlarm).mockClear();
    const [outcome] = processInput(fixture('dlq/dlq-alarm-eventbridge.json'), context);
    expect(outcome?.alert?.family).toBe('dlq');
    expect(readAlarm).toHaveBeenCalledTimes(1);
  });

  it('hands the alarm family the very change the dlq family declined', () => {
    const envelope = envelopeOf('alarms/metric-alarm.json');
    const reads = readContext(envelope, context);
    expect(dlqFamily.read(envelope, reads)).toBeUndefined();
    const read = alarmFamily.read(envelope, reads);
    expect(read).toBe(reads.alarm());
    expect(read?.kind).toBe('change');
  });

  it('does not read an envelope as an alarm until a family asks', () => {
    vi.mocked(readAlarm).mockClear();
    readContext(envelopeOf('alarms/metric-alarm.json'), context);
    expect(readAlarm).not.toHaveBeenCalled();
  });
});
