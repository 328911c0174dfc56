// Saves a report through the browser's download (Markdown or JSON), named after what it covers.
import { reportMarkdown, type ReviewReport } from '../../../../shared/review/report';

/** Downloads text as a Markdown or JSON file called name. */
export function downloadText(text: string, name: string, format: 'md' | 'json'): void {
  const type = format === 'md' ? 'text/markdown' : 'application/json';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadReport(report: ReviewReport, name: string, format: 'md' | 'json'): void {
  const text = format === 'md' ? reportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  downloadText(text, `${name.replace(/[^\w.-]+/g, '_')}-review.${format}`, format);
}
