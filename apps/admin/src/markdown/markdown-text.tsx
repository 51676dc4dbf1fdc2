import { Lexer, type Token, type Tokens } from "marked";
import { Fragment, type ReactNode, useMemo } from "react";

/** Only these link targets become links; anything else (javascript:, data:) stays text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Markdown rendered as React elements from marked's tokens, never as HTML strings: raw HTML in a
 * message shows as text, so nothing a model or a person writes can inject markup or scripts.
 */
export function MarkdownText({ text }: { text: string }) {
  const tokens = useMemo(() => Lexer.lex(text, { gfm: true, breaks: true }), [text]);
  return <div className="markdown">{renderBlocks(tokens)}</div>;
}

function renderBlocks(tokens: Token[]): ReactNode[] {
  return tokens.map((token, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: tokens of one text never reorder
    <Fragment key={index}>{renderBlock(token)}</Fragment>
  ));
}

function renderBlock(token: Token): ReactNode {
  switch (token.type) {
    case "space":
      return null;
    case "paragraph":
      return <p>{renderInline((token as Tokens.Paragraph).tokens)}</p>;
    case "heading": {
      const heading = token as Tokens.Heading;
      // Headings inside a message stay small: the page has its own.
      return <p className="md-heading">{renderInline(heading.tokens)}</p>;
    }
    case "code":
      return (
        <pre className="md-code">
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case "blockquote":
      return <blockquote>{renderBlocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case "list": {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items never reorder
        <li key={index}>{renderBlocks(item.tokens)}</li>
      ));
      return list.ordered ? <ol start={list.start || 1}>{items}</ol> : <ul>{items}</ul>;
    }
    case "table":
      return renderTable(token as Tokens.Table);
    case "hr":
      return <hr />;
    case "text": {
      const text = token as Tokens.Text;
      return <p>{text.tokens ? renderInline(text.tokens) : text.text}</p>;
    }
    default:
      // html and anything unknown: shown as written.
      return <p>{token.raw}</p>;
  }
}

function renderTable(table: Tokens.Table): ReactNode {
  return (
    <div className="md-table">
      <table>
        <thead>
          <tr>
            {table.header.map((cell, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns never reorder
              <th key={index}>{renderInline(cell.tokens)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows never reorder
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns never reorder
                <td key={index}>{renderInline(cell.tokens)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function renderInline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: tokens of one text never reorder
    <Fragment key={index}>{renderInlineToken(token)}</Fragment>
  ));
}

function renderInlineToken(token: Token): ReactNode {
  switch (token.type) {
    case "strong":
      return <strong>{renderInline((token as Tokens.Strong).tokens)}</strong>;
    case "em":
      return <em>{renderInline((token as Tokens.Em).tokens)}</em>;
    case "del":
      return <del>{renderInline((token as Tokens.Del).tokens)}</del>;
    case "codespan":
      return <code>{decodeEntities((token as Tokens.Codespan).text)}</code>;
    case "br":
      return <br />;
    case "link": {
      const link = token as Tokens.Link;
      if (!SAFE_LINK.test(link.href)) return renderInline(link.tokens);
      return (
        <a href={link.href} target="_blank" rel="noopener noreferrer">
          {renderInline(link.tokens)}
        </a>
      );
    }
    case "image": {
      // Images are not loaded: a message must not make the browser fetch arbitrary URLs.
      const image = token as Tokens.Image;
      return `[image: ${image.text || image.href}]`;
    }
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens) : decodeEntities(text.text);
    }
    case "escape":
      return (token as Tokens.Escape).text;
    default:
      return token.raw;
  }
}

/** marked escapes &, <, >, " and ' in some token texts; React escapes again, so undo it once. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
