// n8n-core logs every node error through its own logger; tests assert on errors instead.
process.env.N8N_LOG_LEVEL = 'silent';
