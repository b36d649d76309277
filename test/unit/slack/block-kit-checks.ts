/**
 * Block Kit limit and escaping checks shared by the renderer's property tests and the integration
 * tests (which apply them to what the adapter actually sent to the fake Slack API).
 */
import { SLACK_LIMITS, type SlackBlock } from '../../../adapters/slack/render.ts';

/** Every text string Slack will display (values of buttons are data, not displayed). */
export function displayedTexts(rendered: { text: string; blocks: SlackBlock[] }): string[] {
  const out = [rendered.text];
  for (const block of rendered.blocks) {
    const b = block as unknown as Record<string, unknown>;
    const visit = (node: unknown, key?: string): void => {
      if (typeof node === 'string') {
        if (key === 'text') out.push(node);
        return;
      }
      if (Array.isArray(node)) node.forEach((n) => visit(n, key));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) if (k !== 'value' && k !== 'action_id') visit(v, k);
      }
    };
    visit(b);
  }
  return out;
}

/** Checks every Block Kit limit and the escaping invariants; returns the problems found. */
export function blockKitViolations(rendered: { text: string; blocks: SlackBlock[] }): string[] {
  const problems: string[] = [];
  if (rendered.blocks.length > SLACK_LIMITS.blocks) problems.push(`${rendered.blocks.length} blocks`);
  if (rendered.text.length > SLACK_LIMITS.fallbackText) problems.push(`fallback ${rendered.text.length}`);
  const actionIds = new Set<string>();
  for (const block of rendered.blocks) {
    switch (block.type) {
      case 'section': {
        if (block.text && block.text.text.length > SLACK_LIMITS.sectionText) problems.push(`section ${block.text.text.length}`);
        if (block.text && block.text.text.length === 0) problems.push('empty section text');
        if (block.fields) {
          if (block.fields.length > SLACK_LIMITS.fields) problems.push(`${block.fields.length} fields`);
          for (const f of block.fields) if (f.text.length > SLACK_LIMITS.fieldText) problems.push(`field ${f.text.length}`);
        }
        break;
      }
      case 'header':
        if (block.text.text.length > SLACK_LIMITS.headerText) problems.push(`header ${block.text.text.length}`);
        break;
      case 'context':
        if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`${block.elements.length} context elements`);
        for (const e of block.elements) if ('text' in e && typeof e.text === 'string' && e.text.length > 3000) problems.push('context text');
        break;
      case 'actions':
        if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`${block.elements.length} buttons`);
        for (const e of block.elements) {
          if (e.type !== 'button') continue;
          if (e.text.text.length > SLACK_LIMITS.buttonText) problems.push(`button text ${e.text.text.length}`);
          if ((e.value ?? '').length > SLACK_LIMITS.buttonValue) problems.push('button value');
          if (!e.action_id || e.action_id.length > SLACK_LIMITS.actionId) problems.push('action_id');
          if (e.action_id && actionIds.has(e.action_id)) problems.push(`duplicate action_id ${e.action_id}`);
          if (e.action_id) actionIds.add(e.action_id);
        }
        break;
      default:
        break;
    }
  }
  for (const text of displayedTexts(rendered)) {
    // The only '<' we ever emit opens an http(s) link; the only '&' starts one of the three entities.
    for (const m of text.matchAll(/<(?!https?:\/\/)/g)) problems.push(`unescaped < in ${JSON.stringify(text.slice(m.index, m.index + 20))}`);
    if (/<[!@#]/.test(text)) problems.push('mention syntax');
    for (const m of text.matchAll(/&(?!(?:amp|lt|gt);)/g)) problems.push(`bare & in ${JSON.stringify(text.slice(m.index, m.index + 10))}`);
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) problems.push('lone surrogate');
  }
  return problems;
}
