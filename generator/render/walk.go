package render

import "text/template/parse"

// walkTree calls visit with every command and every {{template}} action under node, in
// the branches of if, range and with and in the pipelines given as arguments too: what
// a theme's templates call, for the checks made when they are parsed.
func walkTree(node parse.Node, visit func(parse.Node)) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTree(c, visit)
		}
	case *parse.ActionNode:
		walkTree(n.Pipe, visit)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkTree(c, visit)
		}
	case *parse.CommandNode:
		visit(n)
		for _, a := range n.Args {
			walkTree(a, visit)
		}
	case *parse.TemplateNode:
		visit(n)
		walkTree(n.Pipe, visit)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, visit)
	}
}

func walkBranch(b *parse.BranchNode, visit func(parse.Node)) {
	walkTree(b.Pipe, visit)
	walkTree(b.List, visit)
	walkTree(b.ElseList, visit)
}

// calledFunc returns the name of the function a command calls, or "".
func calledFunc(c *parse.CommandNode) string {
	if len(c.Args) > 0 {
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
			return id.Ident
		}
	}
	return ""
}
