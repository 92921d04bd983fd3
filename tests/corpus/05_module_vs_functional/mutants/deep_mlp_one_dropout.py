# mistake: uses a single Dropout after the first hidden layer only
# targets: test_deep_mlp
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(nn.ReLU())
            if i == 0 and len(sizes) > 2:
                layers.append(nn.Dropout(p))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)
