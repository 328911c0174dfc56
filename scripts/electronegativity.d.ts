// Types for the one call we make into electronegativity, which ships none: its programmatic runner.
declare module '@doyensec/electronegativity' {
  interface RunOptions {
    input: string;
    electronVersionOverride?: string;
    isRelative?: boolean;
  }
  export default function run(options: RunOptions, forCli: false): Promise<unknown>;
}
