"""One-shot commands and answers: a question, /team, /status, /stats, /help, files, links …"""
