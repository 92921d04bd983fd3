# mistake: puts a ReLU after the last linear layer, so the output can never be negative
# targets: test_deep_mlp
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        layers = []
        for i in range(len(sizes) - 1):
            layers += [nn.Linear(sizes[i], sizes[i + 1]), nn.ReLU()]
            if i < len(sizes) - 2:
                layers.append(nn.Dropout(p))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
