"""The app's stylesheet (kept in Python so no package data is needed)."""

CSS = """
#main { height: 1fr; }
#chat { width: 1fr; }
#transcript { height: 1fr; padding: 0 1; }
.message {
    margin: 1 0 0 0;
    padding: 0 1;
    border: round $primary 40%;
    border-title-color: $text-muted;
    border-subtitle-color: $text-muted;
    border-subtitle-align: right;
    height: auto;
}
.message.-draft MarkdownBlock { text-opacity: 65%; }
.message > MarkdownBlock:last-child { margin-bottom: 0; }
.message.user { border: round $accent 60%; margin-left: 8; background: $boost; }
.message.revision { border: round $success 60%; }
.message.repick { border: round $warning 60%; }
.understood {
    margin: 1 0 0 0;
    padding: 0 1;
    border: round $warning 60%;
    border-title-color: $warning;
    height: auto;
}
.note { color: $text-muted; padding: 0 1; height: auto; }
#status { height: 1; padding: 0 1; }
#thinking { width: 6; height: 1; display: none; }
App.-busy #thinking { display: block; }
App.-busy.-streaming #thinking { display: none; }
#state { width: 1fr; color: $text-muted; }
#load-progress { width: 30; margin-right: 1; }
#alpha-status { width: auto; color: $text-muted; }
#prompt { margin: 0 1; }
#prompt.-feedback { border: tall $warning; }
#panel {
    width: 46;
    border-left: vkey $primary 40%;
    padding: 0 1;
}
#panel .heading { margin-top: 1; text-style: bold; color: $accent; }
#prior-note { color: $warning; text-style: italic; }
#summary-edit { height: 8; }
#summary-buttons { height: auto; }
#summary-buttons Button { margin-right: 1; }
#history { height: auto; }
#dialog {
    width: 90%;
    height: auto;
    max-height: 90%;
    padding: 1 2;
    border: thick $primary;
    background: $surface;
}
ModalScreen { align: center middle; }
#dialog .heading { text-style: bold; color: $accent; }
#dialog .hint { color: $text-muted; margin-top: 1; }
#answers { height: auto; max-height: 20; }
#answers .answer { width: 1fr; height: auto; max-height: 20; border: round $primary 50%; margin: 0 1 0 0; }
#dialog #why-legend { margin: 0 0 1 0; }
#why-table { height: auto; max-height: 16; }
#confirm-buttons { height: auto; margin-top: 1; }
#confirm-buttons Button { margin-right: 2; }
#dialog.confirm, #dialog.users { width: 70; }
#dialog.models { width: 90; }
#model-list { height: auto; max-height: 14; }
#user-list { height: auto; max-height: 10; }
"""
