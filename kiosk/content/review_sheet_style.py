"""The review sheet's style sheet: readable on screen, printed landscape with a page per page."""

CSS = """
:root { --ink: #1b1b1b; --muted: #555; --rule: #999; --soft: #f3f5f7; }
* { box-sizing: border-box; }
body { font: 12pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 22pt; margin: 0 0 4px; }
h2 { font-size: 16pt; margin: 0 0 10px; border-bottom: 2px solid var(--ink); }
h2 .where { font-size: 10pt; font-weight: normal; color: var(--muted); }
h3 { font-size: 14pt; margin: 4px 0 8px; }
h4 { font-size: 12pt; margin: 12px 0 4px; }
p { margin: 0 0 8px; }
ul, ol { margin: 0 0 8px; padding-left: 22px; }
li > p { margin: 0 0 2px; }
.subtitle { color: var(--muted); }
.page { margin-top: 28px; }
.facts { display: flex; gap: 18px; align-items: flex-start; margin-bottom: 10px; }
.illustration { width: 120px; height: 120px; flex: none; border: 1px solid var(--rule); }
table { border-collapse: collapse; font-size: 10pt; margin: 6px 0; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
caption { text-align: left; font-weight: bold; }
.level-ok::before { content: "\\2713  "; }
.level-warning::before { content: "!  "; }
.level-error::before { content: "\\2717  "; }
.level-warning, .level-error { font-weight: bold; }
.columns { display: grid; grid-template-columns: repeat(var(--languages), 1fr); gap: 18px; }
.language { border: 1px solid var(--rule); padding: 8px 12px; }
.language-name { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em;
  color: var(--muted); margin: 0; }
h5 { font-size: 11pt; margin: 10px 0 4px; }
.callout { border: 2px solid var(--ink); padding: 6px 10px; margin: 8px 0; break-inside: avoid; }
.callout > :last-child { margin-bottom: 0; }
.callout .label { font-weight: bold; display: block; text-transform: uppercase; }
.callout-emergency { border: 3px solid #9b1c1c; background: #fdecec; }
.callout-doctor { border: 2px dashed #1f3a5f; background: #eef3fa; }
.review-draft strong { text-decoration: underline; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.signoff { margin-top: 14px; border: 2px solid var(--ink); padding: 10px 12px 4px;
  break-inside: avoid; }
.signoff .line { display: inline-block; width: 16em; border-bottom: 1px solid var(--ink);
  height: 1.3em; margin: 0 12px 0 4px; vertical-align: bottom; }
.signoff .line.short { width: 9em; }
.signoff .box { display: inline-block; width: 1em; height: 1em; border: 1.5px solid var(--ink);
  vertical-align: middle; }
.labels td:first-child { white-space: nowrap; }
@page { size: letter landscape; margin: 0.45in; }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  .page { break-before: page; margin-top: 0; }
  .language { break-inside: auto; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
