/**
 * GuardDuty finding types, decoded: `ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact`
 * (GuardDuty User Guide, "GuardDuty finding format").
 */

const PURPOSES: Record<string, string> = {
  Backdoor: 'backdoor: a resource is compromised and can contact its controller',
  Behavior: 'unusual behaviour against an established baseline',
  CredentialAccess: 'credential access: an attempt to steal credentials',
  CryptoCurrency: 'cryptocurrency mining or wallet activity',
  DefenseEvasion: 'defence evasion: an attempt to avoid detection',
  Discovery: 'discovery: probing to learn about the environment',
  Execution: 'execution of malicious code',
  Exfiltration: 'exfiltration: data may be leaving the environment',
  Impact: 'impact: an attempt to disrupt or destroy resources or data',
  InitialAccess: 'initial access: an attempt to get a foothold',
  Pentest: 'activity from known penetration-testing tools',
  Persistence: 'persistence: an attempt to keep access',
  Policy: 'a security best practice is not followed',
  PrivilegeEscalation: 'privilege escalation: an attempt to gain more permissions',
  Recon: 'reconnaissance before an attack',
  Stealth: 'stealth: an attempt to hide an attack',
  Trojan: 'a trojan program is active',
  UnauthorizedAccess: 'unauthorised or suspicious access',
};

export interface DecodedType {
  readonly purpose: string;
  readonly purposeMeaning?: string;
  readonly resourceType?: string;
  readonly threatFamily?: string;
  readonly mechanism?: string;
  readonly artifact?: string;
}

/**
 * @example
 * ```ts
 * decodeFindingType('CryptoCurrency:EC2/BitcoinTool.B!DNS');
 * // { purpose: 'CryptoCurrency', resourceType: 'EC2', threatFamily: 'BitcoinTool', mechanism: 'B', artifact: 'DNS', … }
 * ```
 */
export function decodeFindingType(type: string): DecodedType {
  const [purpose = type, rest = ''] = type.split(/:(.*)/s, 2);
  const [resourceType, familyPart = ''] = rest.split(/\/(.*)/s, 2);
  const [beforeArtifact = '', artifact] = familyPart.split('!', 2);
  const dot = beforeArtifact.indexOf('.');
  const threatFamily = dot >= 0 ? beforeArtifact.slice(0, dot) : beforeArtifact;
  const mechanism = dot >= 0 ? beforeArtifact.slice(dot + 1) : undefined;
  const meaning = Object.hasOwn(PURPOSES, purpose) ? PURPOSES[purpose] : undefined;
  return {
    purpose,
    ...(meaning ? { purposeMeaning: meaning } : {}),
    ...(resourceType ? { resourceType } : {}),
    ...(threatFamily ? { threatFamily } : {}),
    ...(mechanism ? { mechanism } : {}),
    ...(artifact ? { artifact } : {}),
  };
}
