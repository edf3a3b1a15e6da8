/**
 * Renders text with its `backtick` spans as inline code, the only markup the
 * check catalog uses in remediation texts and messages.
 */
export function TextWithCode(props: { text: string }) {
  const parts = props.text.split('`');

  // Odd-indexed parts sit between a pair of backticks. An unpaired final
  // backtick leaves an odd number of separators, so its text stays plain.
  const lastCodeIndex =
    parts.length % 2 === 0 ? parts.length - 2 : parts.length;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && index < lastCodeIndex ? (
          <code key={index}>{part}</code>
        ) : (
          <span key={index}>{index % 2 === 1 ? `\`${part}` : part}</span>
        ),
      )}
    </>
  );
}
