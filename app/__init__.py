"""The application shell: the Session facade a UI talks to, checkpointers, the CLI and the plain chat loop."""
