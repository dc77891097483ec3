"""extract: an analysed Document -> dates, actors, quotes and events (pure functions of doc + lexicons)."""
