/** A mistake in the admin configuration, found at start-up: names the model, the bad value and what is valid. */
export class AdminConfigError extends Error {
  constructor(modelName: string, option: string, badName: string, validNames: string[]) {
    super(`${modelName}Admin.${option}: "${badName}" is not a field of ${modelName}. Valid names: ${validNames.join(', ')}.`);
    this.name = 'AdminConfigError';
  }
}
