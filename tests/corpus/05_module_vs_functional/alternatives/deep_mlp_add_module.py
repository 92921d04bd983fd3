# why: add_module registers each layer under its own name; one shared Dropout module (it has no state) is fine
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        self.n = len(sizes) - 1
        for i in range(self.n):
            self.add_module(f"linear{i}", nn.Linear(sizes[i], sizes[i + 1]))
        self.dropout = nn.Dropout(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for i in range(self.n):
            x = getattr(self, f"linear{i}")(x)
            if i < self.n - 1:
                x = self.dropout(torch.relu(x))
        return x
