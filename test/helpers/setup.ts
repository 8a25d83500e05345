// natural imports dotenv as a side effect; keep it quiet in tests too.
process.env.DOTENV_CONFIG_QUIET = 'true';
