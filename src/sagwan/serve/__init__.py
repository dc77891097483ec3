"""serve: the command line, the JSON API and the dashboard (the last stage; imports all earlier ones)."""
