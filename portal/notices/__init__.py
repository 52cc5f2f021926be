"""Member notices (会员通知): written by editors with the news editor, read by the member
enterprises of their audience, with read receipts, acknowledgements and mail."""
