// Reads electronegativity's CSV report and decides which findings block: anything above LOW but the preload review.
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

/** Rows of a CSV text: fields split on commas, double-quoted fields may hold commas and `""`. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** The findings of a report; throws when the text is not electronegativity's CSV. */
export function parseReport(text: string): Finding[] {
  const [header, ...rows] = parseCsv(text);
  const names = (header ?? []).map((name) => name.trim());
  const column = (name: string) => {
    const index = names.indexOf(name);
    if (index === -1) throw new Error(`the report has no "${name}" column`);
    return index;
  };
  const at = {
    issue: column('issue'),
    severity: column('severity'),
    confidence: column('confidence'),
    filename: column('filename'),
    location: column('location'),
    sample: column('sample'),
    description: column('description'),
  };
  return rows.map((cells) => ({
    issue: cells[at.issue].trim(),
    severity: cells[at.severity].trim().toUpperCase(),
    confidence: cells[at.confidence].trim(),
    filename: cells[at.filename].trim(),
    location: cells[at.location].trim(),
    sample: cells[at.sample].trim(),
    description: cells[at.description].trim(),
  }));
}

export function isBlocking(finding: Finding): boolean {
  return (
    !PASSING_SEVERITIES.includes(finding.severity) && !ACCEPTED_REVIEWS.includes(finding.issue)
  );
}

export function describeFinding(finding: Finding): string {
  return `${finding.severity} ${finding.issue} at ${finding.filename}:${finding.location}: ${finding.description}\n    ${finding.sample}`;
}
