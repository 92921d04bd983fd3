# mistake: keeps the layers in a plain Python list: nothing is registered and eval() never reaches the Dropouts
# targets: test_deep_mlp
# %% deep_mlp
class DeepMLP(nn.Module):
    def __init__(self, sizes: list[int], p: float) -> None:
        super().__init__()
        self.layers = []
        for i in range(len(sizes) - 1):
            self.layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                self.layers += [nn.ReLU(), nn.Dropout(p)]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x
