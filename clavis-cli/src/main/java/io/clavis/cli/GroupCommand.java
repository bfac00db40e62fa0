package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Group;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code group create|list|get|delete|add-member|remove-member}. */
@Command(
    name = "group",
    description = {
      "Manage groups of users and services.",
      "Policies grant to groups: a member may do what its groups may do.",
      "The built-in groups system-admins, key-admins and audit-managers always exist. Wherever a"
          + " group id is expected, the group's name works too."
    },
    subcommands = {
      GroupCommand.Create.class,
      GroupCommand.ListCommand.class,
      GroupCommand.Get.class,
      GroupCommand.Delete.class,
      GroupCommand.AddMember.class,
      GroupCommand.RemoveMember.class
    })
final class GroupCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Group> groups) {
    Table t = new Table("ID", "NAME", "BUILT-IN", "MEMBERS", "DESCRIPTION");
    for (Group g : groups) {
      t.row(g.id(), g.name(), g.builtIn() ? "yes" : "no", g.members().size(), g.description());
    }
    return t;
  }

  static Table details(Group g) {
    return Table.fieldValue()
        .row("ID", g.id())
        .row("NAME", g.name())
        .row("DESCRIPTION", g.description())
        .row("BUILT-IN", g.builtIn() ? "yes" : "no")
        .row("MEMBERS", g.members().isEmpty() ? null : String.join("\n", g.members()))
        .row("CREATED", Output.time(g.createdAt()))
        .row("CREATED BY", g.createdBy());
  }

  static void print(Output out, Group g) {
    out.print(g, () -> details(g));
  }

  @Command(name = "create", description = "Create a group.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The group's unique name.")
    String name;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Free text (at most 256 characters).")
    String description;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, client.createGroup(name, description));
      return 0;
    }
  }

  @Command(name = "list", description = "List groups, the built-in ones first.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Group> items = client.listGroups();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a group and its members.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The group's id or name.")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, client.getGroup(id));
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a group; its members leave it. Built-in groups cannot be deleted.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The group's id or name.")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deleteGroup(id);
      out.deleted("group", id);
      return 0;
    }
  }

  @Command(
      name = "add-member",
      description = "Add users or services to a group; prints the group with its members.")
  static final class AddMember extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The group's id or name.")
    String id;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "MEMBER",
        description = "Users or services, by name or id.")
    List<String> members;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, client.addGroupMembers(id, members));
      return 0;
    }
  }

  @Command(
      name = "remove-member",
      description = "Remove a user or service from a group; prints the group with its members.")
  static final class RemoveMember extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The group's id or name.")
    String id;

    @Parameters(index = "1", paramLabel = "MEMBER", description = "A user or service.")
    String member;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, client.removeGroupMember(id, member));
      return 0;
    }
  }
}
