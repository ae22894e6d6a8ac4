import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorGroup } from '../../src/aws-errors/group.js';
import type { ErrorsReport } from '../../src/aws-errors/report.js';
import { renderErrorsReport } from '../../src/slack/errors-report.js';
import { messageProblems } from '../../src/slack/validate.js';

const NOW = new Date('2025-11-18T11:00:00Z');
const END = NOW.getTime();

function group(i: number, overrides: Partial<ErrorGroup> = {}): ErrorGroup {
  return {
    signature: `fn-${i}\u0000TypeError\u0000x`,
    functionName: `fn-${i}`,
    logGroup: `/aws/lambda/fn-${i}`,
    type: 'TypeError',
    pattern: 'x',
    count: 100 - i,
    firstSeen: END - 50 * 60_000,
    lastSeen: END - 2 * 60_000,
    sample: `Cannot read properties of undefined (reading 'id') #${i}`,
    ...overrides,
  };
}

function report(groups: ErrorGroup[], overrides: Partial<ErrorsReport> = {}): ErrorsReport {
  return {
    target: { kind: 'all' },
    region: 'eu-west-1',
    start: END - 3_600_000,
    end: END,
    windowSeconds: 3600,
    metricsUsed: true,
    metricErrorCount: groups.reduce((a, g) => a + g.count, 0),
    metricSeriesCapped: false,
    functionsWithErrors: new Set(groups.map((g) => g.functionName)).size,
    errorLineCount: groups.reduce((a, g) => a + g.count, 0),
    groups,
    toScan: groups.length,
    scanned: groups.length,
    budgetExpired: false,
    capped: [],
    missingLogGroups: [],
    failures: [],
    withoutErrorLines: [],
    functionNotFound: false,
    calls: { getMetricData: 1, filterLogEvents: 0 },
    ...overrides,
  };
}

const texts = (blocks: ReturnType<typeof renderErrorsReport>['blocks']) =>
  blocks.map((b) =>
    b.type === 'section'
      ? (b.text?.text ?? '')
      : b.type === 'context'
        ? b.elements.map((e) => e.text).join(' ')
        : '',
  );

describe('renderErrorsReport', () => {
  it('shows the summary, then each group with count, first and last seen, a sample and a logs link', () => {
    const { text, blocks } = renderErrorsReport(
      report([group(1), group(2, { count: 1, lastSeen: END - 60_000 })]),
      NOW,
    );
    expect(text).toBe('🔥 100 errors in 2 functions over the last hour · eu-west-1');
    const [summary, , first, second] = texts(blocks);
    expect(summary).toBe('🔥 *100 errors in 2 functions over the last hour · eu-west-1*');
    expect(first).toContain('*fn-1* · `TypeError` · *99×*');
    expect(first).toContain('first 10:10 UTC (50 min ago) · last 10:58 UTC (2 min ago)');
    expect(first).toContain(
      `<https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Ffn-1/log-events$3Fstart$3D${END - 3_600_000}$26end$3D${END}|logs>`,
    );
    expect(first).toContain("```Cannot read properties of undefined (reading 'id') #1```");
    expect(second).toContain('*1×*\nat 10:59 UTC (1 min ago)');
  });

  it('shows the top 10 and counts the rest with a hint to narrow', () => {
    const { blocks } = renderErrorsReport(report(Array.from({ length: 14 }, (_, i) => group(i))), NOW);
    const all = texts(blocks);
    expect(all.filter((t) => t.includes('`TypeError`'))).toHaveLength(10);
    expect(all.at(-1)).toBe(
      '+4 more error groups — narrow with `/aws-errors NAME`, `PREFIX*` or a shorter `--since`.',
    );
  });

  it('says honestly what the budget left out', () => {
    const { blocks } = renderErrorsReport(
      report([group(1)], { budgetExpired: true, scanned: 5, toScan: 7 }),
      NOW,
    );
    expect(texts(blocks)[1]).toBe('Time budget ran out: 5 of 7 functions scanned.');
  });

  it('says nothing was found, with window and region', () => {
    const { text, blocks } = renderErrorsReport(
      report([], { metricErrorCount: 0, windowSeconds: 86_400 }),
      NOW,
    );
    expect(text).toBe('✅ No Lambda errors in eu-west-1 over the last day.');
    expect(blocks).toHaveLength(1);
  });

  it('escapes and fences untrusted text from logs and names', () => {
    const hostile = group(1, {
      type: 'Bad`Type<@U1>',
      sample: '<!channel> see <https://evil.example|your bank> ``` break out',
    });
    const [, , section] = texts(renderErrorsReport(report([hostile]), NOW).blocks);
    expect(section).not.toMatch(/<!channel>|<@U1>|<https:\/\/evil/);
    expect(section).toContain('&lt;!channel&gt;');
    expect(section).toContain("`Bad'Type&lt;@U1&gt;`");
    expect(section?.match(/```/g)).toHaveLength(2);
  });

  it('stays within Slack limits whatever the groups hold', () => {
    const arbitraryGroup = fc.record({
      functionName: fc.string({ minLength: 1, maxLength: 64 }),
      type: fc.string({ maxLength: 300 }),
      sample: fc.string({ maxLength: 2000 }),
      count: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryGroup, { maxLength: 40 }),
        fc.array(fc.string({ maxLength: 200 }), { maxLength: 30 }),
        (gs, failing) => {
          const groups = gs.map((g, i) => group(i, { ...g, logGroup: `/aws/lambda/${g.functionName}` }));
          const r = report(groups, {
            failures: failing.map((f) => ({ functionName: f, reason: 'AccessDeniedException' })),
            withoutErrorLines: failing,
          });
          const { text, blocks } = renderErrorsReport(r, NOW);
          expect(messageProblems({ channel: 'C1', text, blocks })).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('renderErrorsReport — last line of defence (issue 9)', () => {
  it('redacts the rendered text once more, even when a sample slipped through unredacted', () => {
    const leaked = group(1, {
      sample: 'login failed: DB_PASSWORD=hunter2 and {\\"token\\":\\"abc123def456\\"}',
      type: 'password\\u003dsecretpw1',
    });
    const { text, blocks } = renderErrorsReport(report([leaked]), NOW);
    const all = JSON.stringify({ text, blocks });
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('abc123def456');
    expect(all).not.toContain('secretpw1');
    expect(messageProblems({ channel: '#c', text, blocks })).toEqual([]);
  });

  it('keeps a sample with four or more backticks inside its code block', () => {
    const sample = 'x ```` https://evil.example/phish *bold* ````` `';
    const { blocks } = renderErrorsReport(report([group(1, { sample })]), NOW);
    const body = texts(blocks).find((t) => t.includes('evil.example')) ?? '';
    const code = body.slice(body.indexOf('```'));
    // One opening fence, one closing fence, and no other run of backticks in between.
    expect(code.startsWith('```')).toBe(true);
    expect(code.endsWith('```')).toBe(true);
    expect(code.slice(3, -3)).not.toMatch(/``/);
    expect(code.slice(3, -3).startsWith('`')).toBe(false);
    expect(code.slice(3, -3).endsWith('`')).toBe(false);
  });
});

describe('renderErrorsReport — the last redaction pass keeps cloudbell’s own text', () => {
  it('keeps the logs link and the notes of functions whose names contain secret words', () => {
    const groups = [group(1, { functionName: 'auth-service', logGroup: '/aws/lambda/auth-service' })];
    const { blocks } = renderErrorsReport(report(groups, { capped: ['secret-rotation'] }), NOW);
    const all = texts(blocks).join('\n');
    expect(all).toContain('$252Faws$252Flambda$252Fauth-service');
    expect(all).toContain('secret-rotation');
    expect(all).not.toContain('[REDACTED]');
  });
});
