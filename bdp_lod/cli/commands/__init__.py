"""One module per command, imported when its command is asked for (`bdp_lod.cli.group`);
importing a module registers its command on the group."""
