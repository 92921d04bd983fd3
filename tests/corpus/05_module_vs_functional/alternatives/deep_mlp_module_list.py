# why: nn.ModuleList registers the layers; the forward loop applies ReLU and Dropout between them
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        self.linears = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.drops = nn.ModuleList([nn.Dropout(p) for _ in range(len(sizes) - 2)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for linear, drop in zip(self.linears, self.drops):
            x = drop(F.relu(linear(x)))
        return self.linears[-1](x)
