/** A missed or undecided row's links to its evidence on the page (row-evidence.ts says what that is). */
import type { RunResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { escapeHtml as esc } from './html-embed.js';
import { generatorAnchor, planAnchor, serverAnchor } from './report-anchors.js';
import { explainedVerdicts, rowEvidence, serverClue, stepClue } from './row-evidence.js';

/** '<span class="evidence">See: …</span>' for a failed or inconclusive row with evidence; '' otherwise. */
export function evidenceLinks(result: RunResult, row: TargetEvaluation): string {
  if (!explainedVerdicts.has(row.verdict)) return '';
  const evidence = rowEvidence(result, row);
  const link = (anchor: string, text: string, clue = '') =>
    `<a href="#${esc(anchor)}">${esc(text)}</a>${clue ? ` (${esc(clue)})` : ''}`;
  const links = [
    ...(evidence.server
      ? [link(serverAnchor(evidence.scenario), `server side of ${evidence.scenario}`, serverClue(evidence.server))]
      : []),
    ...evidence.generators.map((step) =>
      link(generatorAnchor(evidence.scenario, step.step), `step ${step.step}`, stepClue(step)),
    ),
    ...evidence.plans.map((step) => link(planAnchor(evidence.scenario, step), `query plans of ${step}`)),
  ];
  return links.length === 0 ? '' : `<span class="evidence">See: ${links.join(' · ')}</span>`;
}
