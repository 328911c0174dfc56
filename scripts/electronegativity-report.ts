// Reads the findings electronegativity returns in memory and decides which block: anything above LOW but the preload review.
export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
  sample: string;
  description: string;
}

/** The one review we accept above LOW: the app has a preload, and it exposes only the contract. */
export const ACCEPTED_REVIEWS: readonly string[] = ['PRELOAD_JS_CHECK'];

const PASSING_SEVERITIES: readonly string[] = ['INFORMATIONAL', 'LOW'];

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(fields: Fields, name: string, where: string): string {
  const value = fields[name];
  if (typeof value !== 'string') throw new Error(`${where} has no text "${name}"`);
  return value;
}

function levelName(fields: Fields, name: string, where: string): string {
  const level = fields[name];
  if (!isFields(level)) throw new Error(`${where} has no "${name}" level`);
  return text(level, 'name', `${where}'s ${name}`).toUpperCase();
}

function location(fields: Fields, where: string): string {
  const at = fields.location;
  if (!isFields(at) || typeof at.line !== 'number' || typeof at.column !== 'number') {
    throw new Error(`${where} has no line:column location`);
  }
  return `${at.line}:${at.column}`;
}

/** The findings of electronegativity's programmatic result (`{ issues: [...] }`); throws a clear message on any other shape. */
export function readFindings(result: unknown): Finding[] {
  if (!isFields(result) || !Array.isArray(result.issues)) {
    throw new Error('electronegativity returned no list of issues');
  }
  return result.issues.map((issue: unknown, index) => {
    const where = `issue ${index + 1}`;
    if (!isFields(issue)) throw new Error(`${where} is not an object`);
    return {
      issue: text(issue, 'id', where),
      severity: levelName(issue, 'severity', where),
      confidence: levelName(issue, 'confidence', where),
      filename: text(issue, 'file', where),
      location: location(issue, where),
      sample: typeof issue.sample === 'string' ? issue.sample : '',
      description: text(issue, 'description', where),
    };
  });
}

export function isBlocking(finding: Finding): boolean {
  return (
    !PASSING_SEVERITIES.includes(finding.severity) && !ACCEPTED_REVIEWS.includes(finding.issue)
  );
}

export function describeFinding(finding: Finding): string {
  return `${finding.severity} ${finding.issue} at ${finding.filename}:${finding.location}: ${finding.description}\n    ${finding.sample}`;
}
