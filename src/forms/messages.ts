// Every error message a form can show, in one table (one place to reword or translate).

export const FORM_MESSAGES = {
  required: 'This field is required.',
  wholeNumber: 'Enter a whole number.',
  number: 'Enter a number.',
  dateTime: 'Enter a valid date and time.',
  date: 'Enter a valid date (YYYY-MM-DD).',
  time: 'Enter a valid time (HH:MM or HH:MM:SS).',
  choice: 'Select a valid choice.',
  /** A relation id that decodes but names no record the request may choose (Django's invalid_choice). */
  unavailableChoice: 'Select a valid choice. That choice is not one of the available choices.',
  uuid: 'Enter a valid UUID.',
  boolean: 'Enter true or false.',
  base64: 'Enter base64 data.',
  json: (parserMessage: string) => `Enter valid JSON: ${parserMessage}`,
  between: (min: bigint | number, max: bigint | number) => `Ensure this value is between ${min} and ${max}.`,
  maxLength: (max: number, actual: number) => `Ensure this value has at most ${max} characters (it has ${actual}).`,
  decimalPlaces: (places: number) => `Enter a number with at most ${places} decimal place${places === 1 ? '' : 's'}.`,
  wholeDigits: (digits: number) => `Enter a number with at most ${digits} digit${digits === 1 ? '' : 's'} before the decimal point.`,
  listLine: (line: number, message: string) => `Line ${line}: ${message}`,
  fileTooLarge: (limit: number) => `The file is larger than the upload limit of ${formatBytes(limit)}. Choose a smaller file.`,
} as const;

/** 10485760 → "10 MiB", 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = [['MiB', 1024 * 1024], ['KiB', 1024]] as const;
  for (const [unit, size] of units) if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  return `${bytes.toLocaleString('en')} bytes`;
}
