# mistake: keeps the linear layers in an nn.ModuleList but calls F.dropout(x, self.p), which eval() cannot turn off
# targets: test_deep_mlp
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        self.p = p
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for linear in self.linears[:-1]:
            x = F.dropout(F.relu(linear(x)), self.p)
        return self.linears[-1](x)
