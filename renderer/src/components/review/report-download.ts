// Saves a review report through the browser's download (Markdown or JSON), named after what it covers.
import { reportMarkdown, type ReviewReport } from '../../../../shared/review/report';

export function downloadReport(report: ReviewReport, name: string, format: 'md' | 'json'): void {
  const text = format === 'md' ? reportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
  const type = format === 'md' ? 'text/markdown' : 'application/json';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name.replace(/[^\w.-]+/g, '_')}-review.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
