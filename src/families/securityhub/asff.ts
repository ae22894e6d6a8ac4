/**
 * Readers for one AWS Security Finding Format (ASFF) finding: product, severity, resources,
 * compliance and control id, remediation. All fields are optional here: third-party
 * products fill the format unevenly.
 */
import type { Severity } from '../../alerts/alert.js';
import { arr, at, join, num, obj, severityFromLabel, severityFromScore, str } from '../common.js';

/** `ProductName`, else the name in `ProductFields`, else the product ARN's last part. */
export function productName(finding: unknown): string {
  return (
    str(at(finding, 'ProductName')) ??
    str(at(finding, 'ProductFields', 'aws/securityhub/ProductName')) ??
    str(at(finding, 'ProductArn'))?.split('/').pop() ??
    'Security Hub'
  );
}

/** `Severity.Label`, else `Severity.Normalized` in the documented ranges. */
export function findingSeverity(finding: unknown): Severity {
  const label = str(at(finding, 'Severity', 'Label'));
  if (label) return severityFromLabel(label, 'medium');
  const n = num(at(finding, 'Severity', 'Normalized'));
  // ASFF's normalized bands (0–100): Critical 90–100, High 70–89, Medium 40–69, Low 1–39.
  return n === undefined ? 'medium' : severityFromScore(n, { critical: 90, high: 70, medium: 40, low: 1 });
}

/** The control id of a Security Hub control finding (`IAM.6`, `CIS 1.13`…). */
export function controlId(finding: unknown): string | undefined {
  return (
    str(at(finding, 'Compliance', 'SecurityControlId')) ??
    str(at(finding, 'ProductFields', 'ControlId')) ??
    str(at(finding, 'ProductFields', 'RuleId'))
  );
}

export interface AsffResources {
  readonly text: string;
  readonly ids: string[];
}

/** Up to five resources as "Type id" lines, and every id for ignore lists. */
export function findingResources(finding: unknown): AsffResources {
  const resources = arr(at(finding, 'Resources')).map(obj);
  const ids = resources.map((r) => str(r?.Id)).filter((id): id is string => Boolean(id));
  const lines = resources.slice(0, 5).map((r) => {
    const name = str(at(r, 'Tags', 'Name'));
    return join([str(r?.Type), str(r?.Id), name ? `(${name})` : undefined], ' ');
  });
  const more = resources.length > 5 ? `\n… and ${resources.length - 5} more` : '';
  return { text: lines.join('\n') + more, ids };
}

/** "FAILED · control IAM.6 · PCI DSS 1.2.1, …" */
export function complianceLine(finding: unknown): string | undefined {
  const status = str(at(finding, 'Compliance', 'Status'));
  const control = controlId(finding);
  const requirements = arr(at(finding, 'Compliance', 'RelatedRequirements'))
    .map(str)
    .filter(Boolean)
    .slice(0, 4)
    .join(', ');
  const line = join([status, control ? `control ${control}` : undefined, requirements || undefined]);
  return line === '' ? undefined : line;
}
