// Deploy-time settings that serverless.yml cannot express by itself.
module.exports = () => ({
  corsOrigins: (process.env.CORS_ORIGINS || 'https://lianyan.example.cn')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
});
